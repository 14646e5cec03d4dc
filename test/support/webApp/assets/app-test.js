document.getElementById('root').textContent = 'Passend';
